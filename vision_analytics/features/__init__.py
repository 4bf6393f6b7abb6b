"""The ``features``stage."""

__all__: list[str] = []
