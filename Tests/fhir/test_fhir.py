"""The FHIR R4 read API, validated by third-party FHIR models (fhirclient's R4 4.0.1 models in strict mode, and
fhir.resources), not by Alongside's own code. Run against a server holding the demo place:

  ALONGSIDE_URL=http://127.0.0.1:8097 python -m pytest Tests/fhir
"""
import json
import os
import time
from datetime import date, timedelta
import urllib.error
import urllib.request

import fhir.resources
import pytest
from fhirclient.models import (bundle, capabilitystatement, careplan, goal, observation, operationoutcome, patient, questionnaire,
                               questionnaireresponse, relatedperson, servicerequest, task)

BASE_URL = os.environ.get("ALONGSIDE_URL", "http://127.0.0.1:8097")
MODELS = {
    "CapabilityStatement": capabilitystatement.CapabilityStatement, "ServiceRequest": servicerequest.ServiceRequest,
    "Task": task.Task, "Patient": patient.Patient, "Bundle": bundle.Bundle, "OperationOutcome": operationoutcome.OperationOutcome,
    "CarePlan": careplan.CarePlan, "Goal": goal.Goal, "Questionnaire": questionnaire.Questionnaire,
    "QuestionnaireResponse": questionnaireresponse.QuestionnaireResponse, "Observation": observation.Observation,
    "RelatedPerson": relatedperson.RelatedPerson,
}


def call(method, path, token=None, body=None, expect=200):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE_URL + path, data=data, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, raw, kind = response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        status, raw, kind = error.code, error.read(), error.headers.get("Content-Type", "")
    assert status == expect, f"{method} {path}: {status} {raw[:500]!r}"
    return json.loads(raw) if raw else None, kind


def token(email):
    body, _ = call("POST", "/api/v1/sessions", body={"email": email, "password": "alongside-demo"})
    return body["token"]


def valid(resource):
    """Parsed by both third-party models; either raises on anything R4 does not allow."""
    kind = resource["resourceType"]
    MODELS[kind](resource, strict=True)
    fhir.resources.construct_fhir_element(kind, resource)
    return resource


@pytest.fixture(scope="module")
def story():
    clinician, worker, organisation = token("clinician@alongside.example"), token("link-worker@alongside.example"), token("organisation@alongside.example")
    made, _ = call("POST", "/api/v1/referrals", clinician, {
        "given_name": "Fhir", "family_name": f"Tester{int(time.time())}", "birth_date": "1950-06-01", "postcode": "LA1 1AA",
        "nhs_number": "9434765919", "phone": "01524 123456", "needs": ["loneliness", "inactivity"],
        "story": "Would like company.", "consented": True, "preferred_contact": "phone", "gp_sharing": "all"}, expect=201)
    rid = made["id"]
    call("POST", f"/api/v1/referrals/{rid}/transitions", worker, {"to": "accepted"})
    # A contact where they spoke is what moves the episode to contacted.
    call("POST", f"/api/v1/referrals/{rid}/contacts", worker, {"way": "phone", "minutes": 20, "reached": True}, expect=201)
    me, _ = call("GET", "/api/v1/me", organisation)
    org = next(r["organisation_id"] for r in me["roles"] if r["organisation_id"])
    services, _ = call("GET", f"/oruk/services?organization_id={org}&per_page=1")
    sent, _ = call("POST", f"/api/v1/referrals/{rid}/community-referrals", worker,
                   {"service_id": services["contents"][0]["id"], "hopes": "Company on a walk", "confirm_full": True}, expect=201)
    call("POST", f"/api/v1/community-referrals/{sent['id']}/response", organisation, {"response": "accept"})
    return {"clinician": clinician, "worker": worker, "id": rid, "community": sent["id"]}


def test_the_capability_statement_is_valid():
    body, kind = call("GET", "/fhir/metadata")
    assert kind.startswith("application/fhir+json")
    valid(body)
    assert body["fhirVersion"] == "4.0.1"


def test_the_referral_is_a_valid_service_request_coded_with_snomed_ct(story):
    body, _ = call("GET", f"/fhir/ServiceRequest/{story['id']}", story["worker"])
    valid(body)
    assert body["id"] == story["id"]
    assert body["code"]["coding"][0] == {"system": "http://snomed.info/sct", "code": "871731000000106",
                                         "display": "Referral to social prescribing service"}


def test_tasks_track_the_referral_and_the_community_referral(story):
    found, _ = call("GET", f"/fhir/Task?focus=ServiceRequest/{story['id']}", story["worker"])
    valid(found)
    statuses = {entry["resource"]["id"]: entry["resource"]["status"] for entry in found["entry"]}
    assert statuses == {story["id"]: "in-progress", story["community"]: "accepted"}
    for task_id in statuses:
        one, _ = call("GET", f"/fhir/Task/{task_id}", story["worker"])
        valid(one)


def test_the_patient_and_everything_about_them(story):
    request, _ = call("GET", f"/fhir/ServiceRequest/{story['id']}", story["worker"])
    person = request["subject"]["reference"].split("/")[1]
    body, _ = call("GET", f"/fhir/Patient/{person}", story["worker"])
    valid(body)
    assert body["identifier"][0] == {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}
    everything, _ = call("GET", f"/fhir/Patient/{person}/$everything", story["clinician"])
    valid(everything)
    kinds = sorted(entry["resource"]["resourceType"] for entry in everything["entry"])
    assert kinds == ["Patient", "ServiceRequest", "Task", "Task"]


def test_someone_without_a_reason_gets_an_operation_outcome(story):
    body, _ = call("GET", f"/fhir/ServiceRequest/{story['id']}", token("resident@alongside.example"), expect=403)
    valid(body)
    body, _ = call("GET", f"/fhir/ServiceRequest/{story['id']}", expect=401)
    valid(body)
    body, _ = call("GET", "/fhir/ServiceRequest/00000000-0000-4000-8000-000000000000", story["worker"], expect=404)
    valid(body)


@pytest.fixture(scope="module")
def wellbeing():
    """The demo resident answers SWEMWBS, ONS4 and UCLA-3, writes a plan with a goal, and says they look after their mother."""
    resident = token("resident@alongside.example")
    me, _ = call("GET", "/api/v1/me", resident)
    person = me["id"]
    measures = {}
    for instrument, answers in [("swemwbs", [4, 3, 3, 4, 3, 4, 4]), ("ons4", [7, 8, 6, 3]), ("ucla3", [2, 3, 2, 2])]:
        made, _ = call("POST", f"/api/v1/people/{person}/measures", resident, {"instrument": instrument, "answers": answers}, expect=201)
        measures[instrument] = made["id"]
    plan, _ = call("GET", f"/api/v1/people/{person}/plan", resident)
    saved, _ = call("PUT", f"/api/v1/people/{person}/plan", resident, {
        "version": plan["version"], "what_matters": "Seeing my grandchildren", "strengths": "Good with people",
        "goals": [{"words": "Walk to the park and back", "category": "activity", "progress": 3,
                   "steps": [{"what": "Walk to the corner shop", "who": "Me and Ann", "by_when": "2030-01-31"}]}],
        "review_on": (date.today() + timedelta(days=90)).isoformat()})  # a review is within two years
    link, _ = call("POST", f"/api/v1/people/{person}/carer-links", resident,
                   {"cared_for_name": "Mum", "relationship": "parent", "hours_per_week": 20}, expect=201)
    return {"token": resident, "person": person, "measures": measures, "goal": saved["goals"][0]["id"], "link": link["id"]}


def test_each_instrument_is_a_valid_questionnaire():
    for instrument, items in [("swemwbs", 7), ("ons4", 4), ("ucla3", 4), ("involvement", 2)]:
        body, _ = call("GET", f"/fhir/Questionnaire/{instrument}")
        valid(body)
        assert len(body["item"]) == items


def test_a_completed_measure_is_a_questionnaire_response_with_an_observation_for_each_score(wellbeing):
    who = wellbeing["token"]
    response, _ = call("GET", f"/fhir/QuestionnaireResponse/{wellbeing['measures']['swemwbs']}", who)
    valid(response)
    assert [item["answer"][0]["valueCoding"]["code"] for item in response["item"]] == ["4", "3", "3", "4", "3", "4", "4"]
    metric, _ = call("GET", f"/fhir/Observation/{wellbeing['measures']['swemwbs']}-swemwbs", who)
    valid(metric)
    assert metric["valueQuantity"]["value"] == 22.35 and metric["component"][0]["valueInteger"] == 25
    for question, value, band in [("life-satisfaction", 7, "high"), ("worthwhile", 8, "high"), ("happiness", 6, "medium"), ("anxiety", 3, "low")]:
        score, _ = call("GET", f"/fhir/Observation/{wellbeing['measures']['ons4']}-{question}", who)
        valid(score)
        assert score["valueInteger"] == value and score["interpretation"][0]["text"] == band
    lonely, _ = call("GET", f"/fhir/Observation/{wellbeing['measures']['ucla3']}-ucla3", who)
    valid(lonely)
    assert lonely["valueInteger"] == 7 and lonely["interpretation"][0]["text"] == "Lonely (6 or more)"


def test_the_plan_is_a_care_plan_with_goals_and_the_carer_a_related_person(wellbeing):
    who = wellbeing["token"]
    plan, _ = call("GET", f"/fhir/CarePlan/{wellbeing['person']}", who)
    valid(plan)
    assert plan["goal"][0]["reference"] == f"Goal/{wellbeing['goal']}"
    assert plan["activity"][0]["detail"]["description"] == "Walk to the corner shop"
    one, _ = call("GET", f"/fhir/Goal/{wellbeing['goal']}", who)
    valid(one)
    assert one["description"]["text"] == "Walk to the park and back"
    carer, _ = call("GET", f"/fhir/RelatedPerson/{wellbeing['link']}", who)
    valid(carer)
    assert carer["patient"] == {"display": "Mum"} and carer["relationship"][0]["coding"][0]["code"] == "CHILD"
    everything, _ = call("GET", f"/fhir/Patient/{wellbeing['person']}/$everything", who)
    valid(everything)
    kinds = {entry["resource"]["resourceType"] for entry in everything["entry"]}
    assert {"CarePlan", "Goal", "QuestionnaireResponse", "Observation", "RelatedPerson"} <= kinds


def test_nobody_else_reads_the_plan_or_measures(wellbeing):
    for email in ["clinician@alongside.example", "organisation@alongside.example", "commissioner@alongside.example", "admin@alongside.example"]:
        other = token(email)
        for path in [f"/fhir/CarePlan/{wellbeing['person']}", f"/fhir/Goal/{wellbeing['goal']}",
                     f"/fhir/QuestionnaireResponse/{wellbeing['measures']['swemwbs']}",
                     f"/fhir/Observation/{wellbeing['measures']['swemwbs']}-swemwbs", f"/fhir/RelatedPerson/{wellbeing['link']}"]:
            body, _ = call("GET", path, other, expect=403)
            valid(body)
