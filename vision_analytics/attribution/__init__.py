"""The ``attribution``stage."""

__all__: list[str] = []
