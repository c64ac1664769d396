"""The error verify.py and access_token.py raise for a rejected token."""


class TokenError(Exception):
    """A rejected token; branch on .code, which is stable."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code
