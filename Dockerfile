# The orglinks API and explorer. Neo4j runs as its own service (see docker-compose.yml), or is any
# server, cluster or Aura given by NEO4J_URI.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN useradd --create-home --uid 10001 orglinks
WORKDIR /app

COPY pyproject.toml README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY accounts ./accounts
COPY reports ./reports
COPY i18n ./i18n
COPY api ./api
COPY visualize ./visualize
COPY cli ./cli
RUN pip install .

USER orglinks
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4).status == 200 else 1)"
CMD ["orglinks", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
