"""The ``normalize``stage."""

__all__: list[str] = []
