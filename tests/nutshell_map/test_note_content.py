"""Notes' HTML and RTF as plain text, their embedded images as files beside the note."""

from __future__ import annotations

import base64
import hashlib

from domain.mapping import MappingDocument, Settings
from domain.nutshell.map import plan_record
from domain.records.note_content import parse_note
from tests.nutshell_map.conftest import Ctx, assert_valid_create

# A 1x1 PNG (the smallest valid one): bytes an oracle can compare with.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
                       "hgGAWjR9awAAAABJRU5ErkJggg==")
DATA_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()
OPT_IN = MappingDocument(settings=Settings(clinical_content=True))


def test_html_becomes_text_and_its_images_files() -> None:
    text, images = parse_note(f'<p>Knee <b>better</b>.</p><img src="{DATA_URI}">'
                              '<p>X-ray: <img src="images/knee.jpg"></p>'
                              '<img src="https://cdn.example/x.png">')
    assert text.splitlines()[0] == "Knee better."
    assert "<" not in text and "**" not in text
    assert "[Image 1: image-1.png]" in text and "[Image 2: knee.jpg]" in text
    assert "[Image 3: x.png (on the web, not moved)]" in text
    assert images[0].data == PNG and images[0].mime == "image/png"
    assert (images[1].path, images[1].mime, images[1].data) == ("images/knee.jpg", "image/jpeg",
                                                                None)
    assert images[2].remote


def test_rtf_becomes_text_and_its_pictures_files() -> None:
    rtf = (r"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Swelling down.\par "
           r"{\pict\pngblip\picw1\pich1 " + PNG.hex() + r"}\par Review in 2 weeks.\par}")
    text, [image] = parse_note(rtf)
    assert text.splitlines() == ["Swelling down.", " [Image 1: image-1.png]",
                                 "Review in 2 weeks."]
    assert image.data == PNG


def test_plain_text_passes_through() -> None:
    assert parse_note("BP 120/80 < 140/90, fine") == ("BP 120/80 < 140/90, fine", [])


def test_note_with_images_plans_an_activity_with_the_files_then_the_note(ctx: Ctx) -> None:
    f = {"patient_source_id": "P1", "author_source_id": "S1", "title": "Visit",
         "body": f"<p>Wound healing.</p><img src=\"{DATA_URI}\">",
         "created_at": "2024-02-03T10:00:00Z"}
    activity, upload, note = plan_record("clinical_note", "N1", f, ctx, OPT_IN)  # type: ignore[misc]
    assert_valid_create("activities", activity.payload)
    assert activity.payload["isLogged"] is True
    assert activity.payload["links"]["participants"] == ["7-contacts", "2-users"]
    assert (upload.action, upload.uses_result_of) == ("upload", 0)
    assert upload.payload == {"name": "image-1.png", "mime": "image/png",
                              "inline": ["clinical_note", "N1", 1], "size": len(PNG),
                              "sha256": hashlib.sha256(PNG).hexdigest()}
    assert note.entity == "notes"
    body = note.payload["body"]
    assert body.startswith("[2024-02-03 10:00, Grace Hopper]\nVisit\n\nWound healing.")
    assert 'attached to the activity "Images from clinical note N1": image-1.png' in body
    assert "base64" not in body


def test_images_on_the_web_are_held_for_review_with_the_reason() -> None:
    from domain.run.review import review_reason

    body = '<p>See scan.</p><img src="https://cdn.example/scan.png"><img src="' + DATA_URI + '">'
    reason = review_reason("clinical_note", {"body": body})
    assert reason is not None and "1 image(s) by a web address: not fetched" in reason
    assert "cdn.example" not in reason and "scan.png" not in reason  # no values in a reason
    assert review_reason("clinical_note", {"body": f'<img src="{DATA_URI}">'}) == \
        "note with embedded images"
