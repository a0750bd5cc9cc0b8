"""Template lint: what `dunning-mailer templates check` reports before anything is sent. Its rooms:

- ``checker``   check_templates: every rule over one folder
- ``findings``  what a finding says
- ``tone``      the tone rules (pressure, threats, the supplier argument, register, slash forms)
- ``layout``    right-to-left HTML and text layout
- ``variables`` the documented context, checked statically
- ``samples``   the sample data every stage is rendered with
"""
from .checker import check_templates
from .findings import ERROR, RTL_LANGUAGES, WARNING, Finding, Rule, errors
from .samples import SAMPLE_TODAY, sample_businesses, sample_contexts, sample_email, sample_mixed_email, sample_offers
from .tone import RULES, normalize, tone_matches

__all__ = ["ERROR", "RTL_LANGUAGES", "RULES", "SAMPLE_TODAY", "WARNING", "Finding", "Rule", "check_templates",
           "errors", "normalize", "sample_businesses", "sample_contexts", "sample_email", "sample_mixed_email",
           "sample_offers", "tone_matches"]
