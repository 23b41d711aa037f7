#!/usr/bin/env python3
"""Check that the merged desktop entry and metainfo carry a language.

    check-translated.py --language LL DESKTOP_FILE METAINFO_FILE

msgfmt leaves out what po/LL.po does not translate, silently: the desktop
would then show English. Every translatable key of the desktop entry
(Name, GenericName, Comment, Keywords) needs a Key[LL] line, and every
translatable element of the metainfo (name, summary, developer name,
screenshot captions, description and release paragraphs and list items)
an xml:lang="LL" twin beside it.
"""

import argparse
import configparser
import sys
import xml.etree.ElementTree as ET

DESKTOP_KEYS = ("Name", "GenericName", "Comment", "Keywords")
METAINFO_TAGS = {"name", "summary", "developer_name", "caption", "p", "li"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def check_desktop(path, language):
    parser = configparser.RawConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    problems = []
    for key in DESKTOP_KEYS:
        if key not in entry:
            continue
        translated = entry.get(f"{key}[{language}]", "")
        if not translated:
            problems.append(f"{key} has no {key}[{language}]")
        elif key == "Keywords" and not translated.endswith(";"):
            problems.append(f"Keywords[{language}] does not end with ';'")
    return problems


def check_metainfo(path, language):
    root = ET.parse(path).getroot()
    problems = []
    for parent in root.iter():
        source = {}
        translated = {}
        for child in parent:
            if child.tag not in METAINFO_TAGS:
                continue
            lang = child.attrib.get(XML_LANG)
            if lang is None:
                source[child.tag] = source.get(child.tag, 0) + 1
            elif lang == language:
                translated[child.tag] = translated.get(child.tag, 0) + 1
        for tag, count in source.items():
            if translated.get(tag, 0) != count:
                problems.append(f"<{parent.tag}>: {count} <{tag}> but "
                                f"{translated.get(tag, 0)} with xml:lang=\"{language}\"")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--language", required=True)
    parser.add_argument("desktop")
    parser.add_argument("metainfo")
    args = parser.parse_args()

    failed = False
    for path, problems in ((args.desktop, check_desktop(args.desktop, args.language)),
                           (args.metainfo, check_metainfo(args.metainfo, args.language))):
        for problem in problems:
            print(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            print(f"{path}: every translatable field has its '{args.language}' text")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
