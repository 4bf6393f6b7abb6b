"""The ``datasets``stage."""

__all__: list[str] = []
