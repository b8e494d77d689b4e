"""Routes, one module per resource."""

# The `{name:id}` path converter (ids holding `/`) must be registered before any route is declared.
import api.idpath  # noqa: F401
