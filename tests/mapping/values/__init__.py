"""Cell values read the clinic's way: dates, times, phones, numbers, value shapes."""
