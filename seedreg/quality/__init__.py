"""Seed and seedling quality: 苗龄 notation and grading against GB 7908 / GB 6000 threshold rows."""
