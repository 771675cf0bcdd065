#!/usr/bin/env python3
"""Edge crossings of the control charts in an HTML report.

    python3 Benchmarks/chart_crossings.py REPORT.html

For each control chart in the report, the number of pairs of arrows that
cross: two arrows count once however often they cross, and a meeting within
4 px of an arrow's end (two arrows into or out of the same box) is not a
crossing. Reads both the charts laid out by hand (straight `<line
class="control ...">` elements) and those Graphviz lays out (`<g class="edge
control ...">` with a path of cubic Bézier segments, each sampled at 16
points).
"""
import re
import sys


def bezier(points, steps=16):
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            u = 1 - t
            out.append(tuple(u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                             for a, b, c, d in zip(p0, p1, p2, p3)))
    return out


def intersection(a, b, c, d):
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = a, b, c, d
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(den) < 1e-12:
        return None
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
    u = -((x1 - x2) * (y1 - y3) - (y1 - y2) * (x1 - x3)) / den
    if 0 <= t <= 1 and 0 <= u <= 1:
        return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))
    return None


def crossings(edges):
    count = 0
    for i in range(len(edges)):
        for j in range(i + 1, len(edges)):
            a, b = edges[i], edges[j]
            ends = [a[0], a[-1], b[0], b[-1]]
            found = False
            for s in range(len(a) - 1):
                for t in range(len(b) - 1):
                    p = intersection(a[s], a[s + 1], b[t], b[t + 1])
                    if p and all((p[0] - e[0]) ** 2 + (p[1] - e[1]) ** 2 > 16 for e in ends):
                        found = True
                        break
                if found:
                    break
            count += found
    return count


def charts(html):
    for svg in re.findall(r'<svg.*?</svg>', html, re.S):
        lines = re.findall(r'<line class="control[^"]*" x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"', svg)
        paths = re.findall(r'<g id="[^"]*" class="edge control[^"]*">.*?<path[^>]* d="([^"]+)"', svg, re.S)
        if lines:
            yield [[(float(a), float(b)), (float(c), float(d))] for a, b, c, d in lines]
        elif paths:
            edges = []
            for d in paths:
                numbers = [float(n) for n in re.findall(r'-?\d+(?:\.\d+)?', d)]
                edges.append(bezier(list(zip(numbers[0::2], numbers[1::2]))))
            yield edges


if __name__ == "__main__":
    html = open(sys.argv[1], encoding="utf-8").read()
    for k, edges in enumerate(charts(html)):
        print(f"chart {k + 1}: {len(edges)} arrows, {crossings(edges)} crossing pairs")
