"""The ``cluster``stage."""

__all__: list[str] = []
