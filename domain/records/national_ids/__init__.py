"""National identity numbers that write their holder's birth date, by country (`birth.birth_date_in`)."""
