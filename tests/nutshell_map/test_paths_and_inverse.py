

def test_inverse_patch_of_a_list_field_that_was_absent_clears_it() -> None:
    from domain.nutshell.paths import inverse_patch

    ops = inverse_patch("contacts", {}, {"contacts.address": {"city": "Boston"},
                                         "contacts.emails": ["a@b.test"]})
    by_path = {op["path"]: op for op in ops}
    assert by_path["/contacts/0/addresses"]["value"] == []
    assert by_path["/contacts/0/emails"]["value"] == []
