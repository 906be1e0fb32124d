"""Quizzes for learning platforms: the question bank as Moodle XML, GIFT, Canvas QTI 1.2 and IMS Common Cartridge 1.1
(``make lms``)."""
