"""Which FHIR version a file is written in, told from the shapes of its resources.

Neither a Bundle nor a Bulk Data file states its FHIR version, so the reader looks for
evidence while it fingerprints:
- strong: an element or resource type that exists in one version only (STU3's plain-code
  `AllergyIntolerance.clinicalStatus`, `Procedure.context`, `Device.udi`, `Account.balance`,
  `ReferralRequest`; R4's CodeableConcept statuses, `Device.udiCarrier`, `meta.source`,
  `ServiceRequest`...), or a versioned profile URL in `meta.profile`;
- weak: code-system URLs (`http://hl7.org/fhir/v2/...` is STU3's spelling,
  `http://terminology.hl7.org/CodeSystem/...` R4's), used only when nothing strong was seen.

Verdict: R4 or STU3 (both are read: domain.fhir.resources maps either shape). DSTU2, R5, and files that
mix STU3 and R4 shapes are refused with a SourceError naming the entry and the element.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from domain.errors import SourceError

R4, STU3, DSTU2, R5 = "R4", "STU3", "DSTU2", "R5"
READABLE = (R4, STU3)

_DECLARED = (("/fhir/stu3/", STU3), ("/fhir/3.0/", STU3), ("/fhir/r4/", R4),
             ("/fhir/4.0/", R4), ("/fhir/dstu2/", DSTU2), ("/fhir/1.0/", DSTU2),
             ("/fhir/r5/", R5), ("/fhir/5.0/", R5))

_ONLY_IN: dict[str, str] = {
    **dict.fromkeys(("ReferralRequest", "ProcedureRequest", "DeviceComponent", "ProcessRequest",
                     "ProcessResponse", "EligibilityRequest", "EligibilityResponse",
                     "DataElement", "ServiceDefinition", "ImagingManifest", "BodySite",
                     "ExpansionProfile", "Sequence"), STU3),
    **dict.fromkeys(("ServiceRequest", "MedicationKnowledge", "InsurancePlan", "Invoice",
                     "CoverageEligibilityRequest", "CoverageEligibilityResponse",
                     "MolecularSequence", "ChargeItemDefinition", "ImmunizationEvaluation",
                     "VerificationResult"), R4),
    **dict.fromkeys(("Order", "OrderResponse", "DiagnosticOrder", "DeviceUseRequest",
                     "MedicationOrder", "Conformance"), DSTU2),
    **dict.fromkeys(("ActorDefinition", "Requirements", "Transport", "InventoryItem",
                     "InventoryReport", "Permission", "GenomicStudy", "FormularyItem",
                     "ImagingSelection", "NutritionIntake", "DeviceDispense",
                     "ArtifactAssessment", "TestPlan"), R5),
}


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_obj(value: Any) -> bool:
    return isinstance(value, dict)


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _present(value: Any) -> bool:
    return value is not None


_Check = tuple[str, Callable[[Any], bool], str]
_STATUS_CHECKS: tuple[_Check, ...] = (
    ("clinicalStatus", _is_str, STU3), ("clinicalStatus", _is_obj, R4),
    ("verificationStatus", _is_str, STU3), ("verificationStatus", _is_obj, R4),
)
_SHAPES: dict[str, tuple[_Check, ...]] = {
    "AllergyIntolerance": _STATUS_CHECKS,
    "Condition": (*_STATUS_CHECKS, ("patient", _present, DSTU2)),
    "Procedure": (("context", _present, STU3),),
    "Device": (("udi", _is_obj, STU3), ("udi", _is_str, DSTU2), ("udiCarrier", _present, R4)),
    "DocumentReference": (("indexed", _present, STU3), ("class", _present, STU3)),
    "Account": (("balance", _is_obj, STU3), ("balance", _is_list, R5)),
    "ExplanationOfBenefit": (("totalCost", _present, STU3), ("total", _is_list, R4)),
    "Coverage": (("grouping", _present, STU3), ("class", _is_list, R4)),
    "QuestionnaireResponse": (("questionnaire", _is_obj, STU3),
                              ("questionnaire", _is_str, R4)),
    "Communication": (("context", _present, STU3), ("definition", _present, STU3),
                      ("encounter", _present, R4)),
    "Encounter": (("patient", _present, DSTU2), ("incomingReferral", _present, STU3),
                  ("actualPeriod", _present, R5)),
    "Appointment": (("incomingReferral", _present, STU3),),
    "MedicationRequest": (("context", _present, STU3),),
    "Observation": (("context", _present, STU3),),
    "Patient": (("animal", _present, STU3),),
}

_WEAK = (("http://hl7.org/fhir/v2/", STU3), ("http://hl7.org/fhir/v3/", STU3),
         ("http://terminology.hl7.org/CodeSystem/", R4))
_WEAK_NODE_BUDGET = 400
_WEAK_SAMPLE = 1000  # resources looked at for weak evidence: plenty to tell, cheap on 1M rows


def strong_evidence(resource: dict[str, Any]) -> tuple[str, str] | None:
    """(version, the element that tells) when the resource can only be that version."""
    resource_type = resource.get("resourceType")
    if not isinstance(resource_type, str):
        return None
    meta = resource.get("meta")
    if isinstance(meta, dict):
        profiles = meta.get("profile")
        for profile in profiles if isinstance(profiles, list) else []:
            lowered = profile.lower() if isinstance(profile, str) else ""
            for marker, version in _DECLARED:
                if marker in lowered:
                    return version, f"{resource_type}.meta.profile"
    if resource_type in _ONLY_IN:
        return _ONLY_IN[resource_type], f"resource type {resource_type}"
    for element, test, version in _SHAPES.get(resource_type, ()):
        if element in resource and test(resource[element]):
            return version, f"{resource_type}.{element}"
    if isinstance(meta, dict) and isinstance(meta.get("source"), str):
        return R4, f"{resource_type}.meta.source"
    return None


def weak_evidence(resource: Any) -> str | None:
    """The version whose code-system URLs the resource uses, looking at a bounded number of
    elements (a fingerprint must stay cheap on a million rows)."""
    stack: list[Any] = [resource]
    budget = _WEAK_NODE_BUDGET
    while stack and budget > 0:
        node = stack.pop()
        budget -= 1
        if isinstance(node, dict):
            system = node.get("system")
            if isinstance(system, str):
                for prefix, version in _WEAK:
                    if system.startswith(prefix):
                        return version
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, dict | list))
    return None


@dataclass
class VersionTally:
    """Evidence gathered over one file; `verdict` decides or refuses."""

    file: str
    strong: dict[str, tuple[int, str]] = field(default_factory=dict)  # version -> first (row, why)
    weak: dict[str, int] = field(default_factory=dict)
    weak_looked: int = 0

    def add(self, resource: dict[str, Any], row: int) -> None:
        found = strong_evidence(resource)
        if found is not None:
            self.strong.setdefault(found[0], (row, found[1]))
        elif not self.strong and self.weak_looked < _WEAK_SAMPLE:
            self.weak_looked += 1
            hint = weak_evidence(resource)
            if hint is not None:
                self.weak[hint] = self.weak.get(hint, 0) + 1

    def verdict(self) -> str:
        for version in (DSTU2, R5):
            if version in self.strong:
                row, why = self.strong[version]
                raise SourceError(f"FHIR {version} content ({why}) is not supported; export "
                                  "FHIR R4 (or STU3) JSON", file=self.file, row=row)
        if STU3 in self.strong and R4 in self.strong:
            (stu3_row, stu3_why), (r4_row, r4_why) = self.strong[STU3], self.strong[R4]
            raise SourceError(f"mixes FHIR STU3 shapes (row {stu3_row}: {stu3_why}) and R4 "
                              f"shapes (row {r4_row}: {r4_why}); export one FHIR version per "
                              "file", file=self.file)
        if STU3 in self.strong:
            return STU3
        if R4 in self.strong:
            return R4
        if self.weak.get(STU3) and not self.weak.get(R4):
            return STU3
        return R4
