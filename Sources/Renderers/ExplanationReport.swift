import Attribution
import CapTableCore
import CSVReading

/// `captable explain`: one person's row, figure by figure, as text, Markdown or JSON.
public enum ExplanationReport {
    /// A heading or an indented line.
    enum Line {
        case heading(String)
        case item(Int, String)
    }

    static func powerText(_ p: LotPower) -> String {
        "\(p.voting.word) voting, \(p.dispositive.word) dispositive"
    }

    static func relationText(_ c: Case, _ r: ControlRelation) -> String {
        let how = r.disclaims ? ", disclaimed" : r.statesDisclaimer ? ", disclaimer stated" : ""
        return "\(c.persons[r.controller].id) is \(Prose.role(r.role)) of \(c.persons[r.controlled].id) (\(r.voting.word) voting, \(r.dispositive.word) dispositive\(how))"
    }

    static func lotText(_ c: Case, _ l: Explanation.CountedLot) -> String {
        let whose = "\(c.persons[l.holder].name) (\(c.persons[l.holder].id))"
        if let r = l.right {
            return "\(Prose.shares(l.shares)) acquirable within 60 days under \(r.kind.rawValue) \(r.id) of \(whose): \(powerText(l.power))"
        }
        let at = l.location.map { " (\($0.file):\($0.line))" } ?? ""
        return "\(Prose.shares(l.shares)) held by \(whose)\(at): \(powerText(l.power))"
    }

    static func lines(_ c: Case, _ e: Explanation) -> [Line] {
        let p = c.persons[e.person]
        let sc = c.classes[e.classIndex]
        var out: [Line] = [.heading("\(p.name) (\(p.id)): \(sc.title), \(sc.issuer), as of \(e.asOf)")]
        func lots(_ list: [Explanation.CountedLot]) {
            for l in list {
                out.append(.item(1, lotText(c, l)))
                if let m = l.member { out.append(.item(2, "through its member \(c.persons[m].id) (Rule 13d-5(b)(1))")) }
                else if l.path.isEmpty { out.append(.item(2, "its own")) }
                for r in l.path { out.append(.item(2, "through: " + relationText(c, r))) }
            }
        }
        out.append(.heading("Aggregate (row 11): \(Prose.shares(e.row.aggregate))"
            + (e.counted.count > 1 ? " = " + e.counted.map { grouped($0.shares.count) }.joined(separator: " + ") : "")))
        lots(e.counted)
        out.append(.heading("Powers (rows 7 to 10)"))
        let powers: [(String, Shares, (LotPower) -> Bool)] = [
            ("sole voting", e.row.soleVotingPower, { $0.voting == .sole }), ("shared voting", e.row.sharedVotingPower, { $0.voting == .shared }),
            ("sole dispositive", e.row.soleDispositivePower, { $0.dispositive == .sole }),
            ("shared dispositive", e.row.sharedDispositivePower, { $0.dispositive == .shared }),
        ]
        for (name, figure, test) in powers {
            let parts = e.counted.filter { test($0.power) }.map { grouped($0.shares.count) }
            out.append(.item(1, "\(name): \(Prose.shares(figure))" + (parts.count > 1 ? " = " + parts.joined(separator: " + ") : "")))
        }
        out.append(.heading("Denominator: \(Prose.shares(e.row.denominator))"))
        out.append(.item(1, "\(Prose.shares(e.outstanding)) outstanding: \(e.outstandingSource)"))
        for l in e.denominatorRights {
            out.append(.item(1, "+ \(Prose.shares(l.shares)) acquirable within 60 days under \(l.right!.id), counted in this person's denominator and no one else's (Rule 13d-3(d)(1)(i))"))
        }
        let pct = e.row.percentOfClass
        out.append(.heading("Percent of class (row 13): \(pct.text)"))
        out.append(.item(1, "\(grouped(pct.shares.count)) / \(grouped(pct.denominator.count)) = \(pct.sixDecimals)% to six decimals"
            + (pct.denominator.count > 0 ? " (exactly \(exact(pct.percent))%)" : "")))
        out.append(.item(1, "printed \(pct.text): to the nearest tenth, half up; a positive figure under 0.1% is \"less than 0.1%\""))
        if !e.disclaimed.isEmpty {
            let b = e.row.beneficialPercent
            out.append(.heading("Disclaimed (row 12): \(Prose.shares(e.row.excluded)), left out of row 11 and counted in every threshold (Rule 13d-4)"))
            lots(e.disclaimed)
            out.append(.item(1, "beneficially owned: \(Prose.shares(e.row.beneficiallyOwned)) of \(Prose.shares(b.denominator)), \(b.sixDecimals)%"))
        }
        if !e.cut.isEmpty || !e.leftOut.isEmpty || !e.blocked.isEmpty {
            out.append(.heading("Left out"))
            for r in e.cut {
                out.append(.item(1, "rule of three: \(relationText(c, r)); \(c.persons[r.controlled].id) decides by a majority of three or more controllers, so none is attributed its shares through that control"))
            }
            for l in e.leftOut {
                out.append(.item(1, "\(Prose.shares(l.shares)) under \(l.right.id) of \(c.persons[l.holder].id): \(l.reason)"))
            }
            for (b, room) in zip(e.blocked, e.blockerRooms) {
                let cap = CaseWriter.exact(b.right.cap!.value)
                out.append(.item(1, "blocker: \(b.right.id) counts \(grouped(b.counted.count)) of its \(grouped(b.full.count)) shares under its cap of \(cap)%"))
                out.append(.item(2, "room at this person: floor((\(cap)% × (\(grouped(e.outstanding.count)) + \(grouped(room.a.count))) − \(grouped(room.b.count))) / (1 − \(cap)%)) = \(grouped(room.room)) shares (outstanding, plus its other acquirable shares, less the shares it counts without capped rights)"))
            }
        }
        return out
    }

    /// The exact percent as a fraction in lowest terms, or a whole number.
    static func exact(_ f: Fraction) -> String {
        f.denominator == 1 ? "\(f.numerator)" : "\(f.numerator)/\(f.denominator)"
    }

    public static func text(_ c: Case, _ e: Explanation) -> String {
        lines(c, e).map { line -> String in
            switch line {
            case .heading(let s): return "\n" + s
            case .item(let depth, let s): return String(repeating: "  ", count: depth) + s
            }
        }.joined(separator: "\n").dropFirst() + "\n"
    }

    /// For the HTML report: headings and indented lines, every text escaped.
    public static func html(_ c: Case, _ e: Explanation) -> String {
        lines(c, e).dropFirst().map { line -> String in
            switch line {
            case .heading(let s): return "<h4>\(Markup.escaped(s))</h4>"
            case .item(let depth, let s): return "<div class=\"d\(depth)\">\(Markup.escaped(s))</div>"
            }
        }.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ c: Case, _ e: Explanation) -> String {
        var out = "", first = true
        for line in lines(c, e) {
            switch line {
            case .heading(let s):
                if !first && !out.hasSuffix("\n\n") { out += "\n" }
                out += (first ? "## " : "### ") + Markup.inMarkdown(s) + "\n\n"
                first = false
            case .item(let depth, let s):
                out += String(repeating: "  ", count: depth - 1) + "- " + Markup.inMarkdown(s) + "\n"
            }
        }
        return out
    }

    public static func json(_ c: Case, _ e: Explanation) -> String {
        let s = JSONWriter.string
        func lot(_ l: Explanation.CountedLot) -> String {
            var fields = ["\"holder\": \(s(c.persons[l.holder].id))", "\"shares\": \(l.shares.count)",
                          "\"voting\": \(s(l.power.voting.word))", "\"dispositive\": \(s(l.power.dispositive.word))"]
            if let r = l.right { fields.append("\"right\": \(s(r.id))") }
            if let at = l.location { fields.append("\"source\": \(s("\(at.file):\(at.line)"))") }
            fields.append("\"path\": [" + l.path.map { r in
                "{\"controller\": \(s(c.persons[r.controller].id)), \"controlled\": \(s(c.persons[r.controlled].id)), \"role\": \(s(r.role.rawValue)), \"voting\": \(s(r.voting.word)), \"dispositive\": \(s(r.dispositive.word))}"
            }.joined(separator: ", ") + "]")
            return "{" + fields.joined(separator: ", ") + "}"
        }
        let pct = e.row.percentOfClass
        var out = "{\n"
        out += "  \"person\": \(s(c.persons[e.person].id)),\n  \"class\": \(s(c.classes[e.classIndex].id)),\n  \"as_of\": \(s(e.asOf.description)),\n"
        out += "  \"aggregate\": \(e.row.aggregate.count),\n"
        out += "  \"sole_voting\": \(e.row.soleVotingPower.count),\n  \"shared_voting\": \(e.row.sharedVotingPower.count),\n"
        out += "  \"sole_dispositive\": \(e.row.soleDispositivePower.count),\n  \"shared_dispositive\": \(e.row.sharedDispositivePower.count),\n"
        out += "  \"counted\": [" + e.counted.map(lot).joined(separator: ",\n    ") + "],\n"
        out += "  \"disclaimed\": [" + e.disclaimed.map(lot).joined(separator: ",\n    ") + "],\n"
        out += "  \"outstanding\": \(e.outstanding.count),\n  \"outstanding_source\": \(s(e.outstandingSource)),\n"
        out += "  \"denominator\": \(e.row.denominator.count),\n"
        out += "  \"denominator_rights\": [" + e.denominatorRights.map(lot).joined(separator: ",\n    ") + "],\n"
        out += "  \"percent_exact\": \(s(exact(pct.percent))),\n  \"percent\": \(s(pct.sixDecimals)),\n  \"percent_text\": \(s(pct.text)),\n"
        out += "  \"rule_of_three_cuts\": [" + e.cut.map { s(relationText(c, $0)) }.joined(separator: ", ") + "],\n"
        out += "  \"left_out\": [" + e.leftOut.map { "{\"right\": \(s($0.right.id)), \"holder\": \(s(c.persons[$0.holder].id)), \"shares\": \($0.shares.count), \"reason\": \(s($0.reason))}" }.joined(separator: ", ") + "],\n"
        out += "  \"blocked\": [" + zip(e.blocked, e.blockerRooms).map { "{\"right\": \(s($0.right.id)), \"counted\": \($0.counted.count), \"full\": \($0.full.count), \"room_here\": \($1.room)}" }.joined(separator: ", ") + "]\n"
        return out + "}\n"
    }
}
