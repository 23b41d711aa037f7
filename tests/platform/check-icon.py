#!/usr/bin/env python3
"""Check an app icon the way an icon theme will use it.

    check-icon.py --size N [--symbolic] FILE

The file must be well-formed SVG (root element svg in the SVG namespace)
drawn on an N×N canvas (width, height and viewBox). It must not depend on
anything the icon theme cannot resolve: no embedded or linked bitmaps, no
text (the font may be missing), and every url(#id) must point at an element
of the file. A symbolic icon is recoloured by GTK, so it must be drawn in a
single colour with no gradients.
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
PAINT_ATTRS = ("fill", "stroke", "stop-color", "color")


def paints(element):
    """The paint values an element sets, from attributes and style."""
    found = []
    for name in PAINT_ATTRS:
        if name in element.attrib:
            found.append(element.attrib[name])
    for declaration in element.attrib.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() in PAINT_ATTRS:
            found.append(value.strip())
    return found


def check(path, size, symbolic):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]

    if root.tag != SVG + "svg":
        return [f"root element is {root.tag}, not an SVG svg element"]

    for name in ("width", "height"):
        if root.attrib.get(name) not in (str(size), f"{size}px"):
            problems.append(f"{name} is {root.attrib.get(name)!r}, expected {size}")
    viewbox = root.attrib.get("viewBox", "").split()
    if viewbox != ["0", "0", str(size), str(size)]:
        problems.append(f"viewBox is {root.attrib.get('viewBox')!r}, expected '0 0 {size} {size}'")

    ids = {element.attrib["id"] for element in root.iter() if "id" in element.attrib}
    colours = set()
    for element in root.iter():
        tag = element.tag.replace(SVG, "")
        if tag in ("image", "text", "foreignObject"):
            problems.append(f"uses <{tag}>, which an icon theme cannot rely on")
        if symbolic and tag in ("linearGradient", "radialGradient", "pattern"):
            problems.append(f"symbolic icon uses <{tag}>")
        href = element.attrib.get("href") or element.attrib.get(XLINK_HREF)
        if href and not (href.startswith("#") and href[1:] in ids):
            problems.append(f"links to {href!r} outside the file")
        for value in paints(element):
            for reference in re.findall(r"url\(#([^)]+)\)", value):
                if reference not in ids:
                    problems.append(f"url(#{reference}) points at nothing")
            if value not in ("none", "currentColor", "inherit") and not value.startswith("url("):
                colours.add(value.lower())

    if symbolic and len(colours) != 1:
        problems.append(f"symbolic icon must use one colour, uses {sorted(colours)}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--symbolic", action="store_true")
    parser.add_argument("file")
    args = parser.parse_args()

    problems = check(args.file, args.size, args.symbolic)
    for problem in problems:
        print(f"{args.file}: {problem}")
    if not problems:
        print(f"{args.file}: OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
