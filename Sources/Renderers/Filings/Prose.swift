import Attribution
import CapTableCore

/// Words used in filings, in one place.
enum Prose {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// `February 20, 2001`.
    static func long(_ d: CalendarDate) -> String { "\(months[d.month - 1]) \(d.day), \(d.year)" }

    /// `02/20/2001`, as EDGAR's XML writes dates.
    static func edgar(_ d: CalendarDate) -> String {
        let s = d.description
        return "\(s.dropFirst(5).prefix(2))/\(s.suffix(2))/\(s.prefix(4))"
    }

    /// `1,234 shares`, `1 share`.
    static func shares(_ s: Shares) -> String { grouped(s.count) + (s.count == 1 ? " share" : " shares") }

    /// The short title of a class: `Common Stock` for `Common Stock, $.01 par value`.
    static func shortTitle(_ c: ShareClass) -> String {
        String(c.title.split(separator: ",", maxSplits: 1).first ?? Substring(c.title)).trimmingCharacters(in: .whitespaces)
    }

    /// `conversion of note R-01`, `exercise of warrant W-1`.
    static func acquisition(_ r: RightToAcquire) -> String {
        switch r.kind {
        case .option: return "exercise of option \(r.id)"
        case .warrant: return "exercise of warrant \(r.id)"
        case .rsu: return "settlement of restricted stock units \(r.id)"
        case .right: return "exercise of right \(r.id)"
        case .note: return "conversion of note \(r.id)"
        case .preferred: return "conversion of preferred stock \(r.id)"
        }
    }

    /// `the general partner`, `a managing member`, ….
    static func role(_ r: ControlRole) -> String {
        switch r {
        case .generalPartner: return "the general partner"
        case .managingMember: return "a managing member"
        case .investmentAdviser: return "the investment adviser"
        case .trustee: return "a trustee"
        case .parent: return "the parent"
        case .director: return "a director"
        case .officer: return "an officer"
        case .principal: return "a principal"
        case .other: return "a controlling person"
        }
    }

    /// `(i) a, (ii) b and (iii) c`.
    static func enumerated(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let labelled = items.enumerated().map { "(\(roman($0.offset + 1))) \($0.element)" }
        return labelled.dropLast().joined(separator: ", ") + " and " + labelled.last!
    }

    /// `n` in lower-case roman numerals: i, ii, …, x, xi, …: one style however many items.
    static func roman(_ n: Int) -> String {
        let values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                      (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        var n = n, out = ""
        for (v, s) in values { while n >= v { out += s; n -= v } }
        return out
    }

    static func capitalizedFirst(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}

/// Escapes text for HTML and XML.
public enum Markup {
    public static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r":
                out += "\u{FFFD}"  // not allowed in XML 1.0
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Text for a Markdown table cell or line: `\` and `|` escaped as Markdown
    /// does, `<` and `>` as HTML entities (a name cannot open a tag in a
    /// renderer that passes HTML through), and `&` where it would start an
    /// entity (`&amp;` written as `&amp;amp;`); a plain `&` stays as it is.
    public static func inMarkdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let scalars = Array(s.unicodeScalars)
        for (i, ch) in scalars.enumerated() {
            switch ch {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&" where i + 1 < scalars.count && (scalars[i + 1] == "#" || scalars[i + 1].properties.isAlphabetic):
                out += "&amp;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
