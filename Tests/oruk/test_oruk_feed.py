"""The Open Referral UK 3.0 API, checked as the ORUK validator would: every response validates against the
UK profile's compiled schemas (from ../shared/data/oruk/schema/compiled), every list is paged correctly on its
first, middle and last page, and every id a list gives resolves at its own endpoint."""
import json
import os
import pathlib
import urllib.error
import urllib.parse
import urllib.request

import jsonschema
import pytest

BASE = os.environ.get("ALONGSIDE_URL", "http://127.0.0.1:8080") + "/oruk"
SCHEMAS = pathlib.Path(os.environ.get("ORUK_SCHEMAS", "../shared/data/oruk/schema/compiled"))


def schema(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


def get(path, expect=200):
    try:
        with urllib.request.urlopen(BASE + path, timeout=20) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    assert status == expect, f"{path}: {status} {body[:300]!r}"
    assert headers.get("Access-Control-Allow-Origin") == "*", f"{path} lacks CORS"
    return json.loads(body)


def valid(document, name):
    jsonschema.validate(document, schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def no_empty_fields(value, path="$"):
    """Empty optional fields are left out, never sent as null, "" or []."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert item is not None and item != "" and item != [], f"{path}.{key} is empty"
            no_empty_fields(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            no_empty_fields(item, f"{path}[{i}]")


def test_root_says_version_profile_and_openapi():
    root = get("/")
    assert root["version"] == "3.0"
    assert root["openapi_url"].endswith("/oruk/openapi.json")
    assert get("/openapi.json")["openapi"].startswith("3.")


LISTS = [
    ("/services", "service_list", "/services/{}", "service"),
    ("/service_at_locations", "service_at_location_list", "/service_at_locations/{}", "service_at_location"),
    ("/organizations", "organization_list", "/organizations/{}", "organization"),
    ("/taxonomies", None, "/taxonomies/{}", None),
    ("/taxonomy_terms", None, "/taxonomy_terms/{}", None),
]


@pytest.mark.parametrize("path,item_schema,detail,detail_schema", LISTS)
def test_every_list_pages_validates_and_its_ids_resolve(path, item_schema, detail, detail_schema):
    first = get(f"{path}?per_page=7")
    total_pages = first["total_pages"]
    assert first["page_number"] == 1 and first["first_page"] is True
    assert first["total_items"] >= len(first["contents"]) > 0
    seen = []
    for page in sorted({1, max(1, total_pages // 2), total_pages}):
        body = get(f"{path}?per_page=7&page={page}")
        assert body["page_number"] == page
        assert body["last_page"] == (page == total_pages)
        assert body["size"] == len(body["contents"])
        for item in body["contents"]:
            no_empty_fields(item)
            if item_schema:
                valid(item, item_schema)
            seen.append(item["id"])
    for item_id in seen[:40]:
        one = get(detail.format(item_id))
        assert one["id"] == item_id
        if detail_schema:
            valid(one, detail_schema)
    beyond = get(f"{path}?per_page=7&page={total_pages + 1}")
    assert beyond["contents"] == [] and beyond["empty"] is True


def test_a_full_service_is_nested_and_valid():
    services = get("/services?per_page=3")["contents"]
    full = get(f"/services/{services[0]['id']}")
    valid(full, "service")
    assert full["organization"]["id"] == full["organization_id"]
    assert full["schedules"][0]["freq"] in ("WEEKLY", "MONTHLY")


def test_filters_combine_and_narrow():
    near = get("/service_at_locations?search=walking&postcode=LA1%201AA&proximity=8000")
    assert near["total_items"] > 0
    for item in near["contents"]:
        assert "walk" in (item["service"]["name"] + item["service"].get("description", "")).lower()
    tuesday = get("/services?day=TU&per_page=100")
    assert 0 < tuesday["total_items"] < get("/services")["total_items"]


@pytest.mark.parametrize("query,field", [
    ("page=-1", "page"), ("per_page=100000", "per_page"), ("proximity=abc&postcode=LA1%201AA", "proximity"),
    ("day=Funday", "day"), ("postcode=ZZ9%209ZZ", "postcode"), ("start_time=25:00", "start_time"),
])
def test_bad_parameters_are_a_400_naming_the_parameter(query, field):
    body = get(f"/services?{query}", expect=400)
    assert body["error"]["field"] == field


def test_an_unknown_id_is_a_404():
    assert get("/services/5b1c0a5e-0000-4000-8000-00000000ffff", expect=404)["error"]["code"] == "not_found"
