"""``/docs``: the API reference, rendered here from the OpenAPI document.

FastAPI's own docs page loads Swagger UI from a CDN, which an offline dashboard must not do, so the same
OpenAPI document (``/openapi.json``) is shown as a plain server-rendered page instead.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the spec, with its parameters, in path order."""
    out = []
    for path, methods in sorted(spec.get("paths", {}).items()):
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p.get("in"),
                    "required": p.get("required", False),
                    "description": p.get("description") or "",
                    "schema": _schema_text(p.get("schema") or {}),
                }
                for p in op.get("parameters", [])
            ]
            out.append({"path": path, "method": method.upper(), "summary": op.get("summary") or "",
                        "tags": op.get("tags") or [], "parameters": params})  # fmt: skip
    return out


def _schema_text(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " | ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    text = str(schema.get("type", ""))
    if "default" in schema and schema["default"] is not None:
        text += f" (default {schema['default']})"
    return text


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    from dyad.web.pages import render

    spec = request.app.openapi()
    data = {"title": spec["info"]["title"], "version": spec["info"]["version"],
            "description": spec["info"].get("description", ""), "operations": operations(spec)}  # fmt: skip
    return render(request, "docs.html", data, title="API", chart={})
