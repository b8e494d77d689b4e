"""The FastAPI service: link queries, exports, uploads and the explorer pages."""
