"""Quizzes for learning platforms: the question bank as Moodle XML, GIFT and Canvas QTI 1.2 (``make lms``)."""
