"""The ``plots``stage."""

__all__: list[str] = []
