"""The student edition: the book without solutions or teacher's guide (``python -m bookbuild.student.build``)."""
