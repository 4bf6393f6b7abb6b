"""The ``vision``stage."""

__all__: list[str] = []
