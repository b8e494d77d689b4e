"""The first vertical slice: health up and down, and data written through graph/ read back by the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app
from devtools.live_server import free_port
from graph.driver import Graph
from graph.queries.writes import merge_nodes, merge_rels
from graph.schema import SCHEMA_VERSION, Label, Rel
from graph.settings import Neo4jSettings


def test_health_is_200_with_neo4j_up(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"] == "up"
    assert body["schema_version"] == SCHEMA_VERSION


def test_health_is_503_with_neo4j_down() -> None:
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", connection_timeout_s=1)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        response = client.get("/api/health")
    assert response.status_code == 503
    body = response.json()
    assert body["neo4j"] == "down"
    assert "Traceback" not in response.text


def test_written_through_graph_read_back_through_api(graph: Graph, client: TestClient) -> None:
    prov = {"src_file": "units.csv", "src_row": 2, "load_id": "L1"}
    graph.write(
        merge_nodes(Label.UNIT),
        {"rows": [{"id": "U1", "props": {"name": "市三院", "kind": "institution"}, "prov": prov}]},
    )
    graph.write(
        merge_nodes(Label.PARTY_ORG),
        {"rows": [{"id": "P1", "props": {"name": "市三院党委", "type": "committee"}, "prov": prov}]},
    )
    graph.write(
        merge_rels(Rel.BELONGS_TO, Label.PARTY_ORG, Label.UNIT),
        {"rows": [{"src": "P1", "dst": "U1", "props": {}, "prov": prov}]},
    )
    unit = client.get("/api/entities/U1").json()
    assert unit["type"] == "Unit"
    assert unit["properties"]["name"] == "市三院"
    assert unit["properties"]["src_file"] == "units.csv"
    assert unit["ties"] == {"BELONGS_TO": 1}
    assert client.get("/api/entities/P1").json()["ties"] == {"BELONGS_TO": 1}
    assert client.get("/api/entities/nope").status_code == 404
