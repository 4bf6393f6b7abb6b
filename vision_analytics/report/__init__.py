"""The ``report``stage."""

__all__: list[str] = []
