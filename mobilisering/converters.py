"""Path converters shared by the apps' URLs."""


class TokenConverter:
    """A secret token as `secrets.token_urlsafe` makes them: URL-safe base64, at most 64 long.

    Anything else (a NUL byte, a slash, spaces, a megabyte) does not match the route, so it
    answers 404 without reaching the database, which refuses some of it (PostgreSQL: NUL).
    """

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
