"""The one error type of the teacher's guide builders."""


class TeacherError(ValueError):
    """A chapter's notebook or quiz cannot be turned into a key; the message names the file and cell."""
