"""The built-in rules, listed explicitly (no import-time registry)."""

from __future__ import annotations

from . import (
    bullet_count_mismatch,
    bullet_marker_invalid,
    entity_missing,
    frontmatter_mismatch,
    heading_damaged,
    heading_level_mismatch,
    heading_lowercase,
    heading_missing_space,
    length_outlier,
    input_errors,
    language_duplicate,
    language_mismatch,
    link_extra,
    link_malformed,
    link_missing,
    link_span_overextended,
    link_split,
    link_text_spacing,
    link_text_trivial,
    number_mismatch,
    paragraph_count_mismatch,
    section_missing,
    space_before_punctuation,
    stray_punctuation,
    suppression_invalid,
    suppression_unused,
    unbalanced_brackets,
    untranslated_text,
)
from .base import Rule

INPUT_RULES: tuple[Rule, ...] = (
    input_errors.INTERNAL_ERROR,
    input_errors.READ_ERROR,
    input_errors.PARSE_ERROR,
    input_errors.LANGUAGE_UNKNOWN,
    input_errors.FILE_EMPTY,
    input_errors.FILE_TOO_LARGE,
    suppression_invalid.RULE,
    suppression_unused.RULE,
)

VERSION_RULES: tuple[Rule, ...] = (
    heading_missing_space.RULE,
    link_split.RULE,
    link_text_spacing.RULE,
    link_text_trivial.RULE,
    link_malformed.RULE,
    stray_punctuation.RULE,
    space_before_punctuation.RULE,
    unbalanced_brackets.RULE,
    bullet_marker_invalid.RULE,
)

ARTICLE_RULES: tuple[Rule, ...] = (
    section_missing.RULE,
    heading_level_mismatch.RULE,
    heading_lowercase.RULE,
    heading_damaged.RULE,
    bullet_count_mismatch.RULE,
    link_span_overextended.RULE,
    link_missing.RULE,
    link_extra.RULE,
    number_mismatch.RULE,
    paragraph_count_mismatch.RULE,
    frontmatter_mismatch.RULE,
    entity_missing.RULE,
    length_outlier.RULE,
    language_duplicate.RULE,
    language_mismatch.RULE,
    untranslated_text.RULE,
)

CHECK_RULES: tuple[Rule, ...] = VERSION_RULES + ARTICLE_RULES
ALL_RULES: tuple[Rule, ...] = INPUT_RULES + CHECK_RULES


def find_rule(key: str) -> Rule | None:
    """A rule by name or code (case-insensitive for codes)."""
    for rule in ALL_RULES:
        if key == rule.name or key.upper() == rule.code:
            return rule
    return None
