"""`orglinks serve`: the API and explorer."""

from __future__ import annotations

import typer


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on (keep 127.0.0.1 behind a proxy)."),
    port: int = typer.Option(8000, min=1, max=65535),
    workers: int = typer.Option(1, min=1, max=32, help="Worker processes (each has its own driver)."),
) -> None:
    """Serve the API and the explorer."""
    import uvicorn

    from cli.serving import SERVER_OPTIONS

    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        **SERVER_OPTIONS,
    )
