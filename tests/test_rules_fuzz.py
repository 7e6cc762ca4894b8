"""Random valid texts: the rules never raise, and every quick fix they offer applies
cleanly and leaves text without syntax errors."""

from __future__ import annotations

from arch_strategies import arch_texts
from hypothesis import HealthCheck, assume, given, settings

from archstudio.dsl import apply_edits, parse
from archstudio.rules import RULES, check, has_syntax_errors, quick_fixes


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arch_texts())
def test_rules_and_fixes_on_random_texts(generated):
    text, _ = generated
    text = text.replace("}\n", "  A -> Missing\n}\n", 1)  # an unknown reference to fix
    model = parse(text)
    assume(not has_syntax_errors(model))  # the "}" replaced may sit inside a // comment
    found = check(model)
    for diagnostic in found:
        assert diagnostic.code in RULES or diagnostic.code in ("A001", "A002")
        assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)
    for diagnostic in [*model.diagnostics, *found]:
        for fix in quick_fixes(text, model, diagnostic):
            fixed = apply_edits(text, fix.edits)
            assert fixed != text, fix.title
            assert not has_syntax_errors(parse(fixed)), (fix.title, fixed)
