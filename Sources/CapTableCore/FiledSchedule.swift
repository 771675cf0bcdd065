import CSVReading
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Schedule 13D or 13G as filed on EDGAR in XML (EDGAR Schedule 13D and
/// 13G XML Technical Specification, version 1.0): the class, the date of
/// the event, and each reporting person's cover-page figures.
public struct FiledSchedule: Sendable {
    public struct ReportingPerson: Sendable {
        public var name: String
        public var cik: String?
        public var citizenshipCode: String?
        public var types: [String]
        public var fundTypes: [String]
        public var memberOfGroup: Bool
        public var soleVoting: Shares
        public var sharedVoting: Shares
        public var soleDispositive: Shares
        public var sharedDispositive: Shares
        public var aggregate: Shares
        /// Row 13 (13D) or 11 (13G) as filed (`19.2`), and its value.
        public var percentText: String
        public var percent: Fraction
        public var excludesCertainShares: Bool
        public var location: SourceLocation
    }

    public var isThirteenD: Bool
    /// `SCHEDULE 13D`, `SCHEDULE 13G/A`, …; nil when the XML has no header.
    public var submissionType: String?
    public var amendmentNo: String?
    public var classTitle: String
    public var cusip: String?
    public var issuerName: String
    public var eventDate: CalendarDate
    /// The first signature's date: the filing's date as near as the XML gives it.
    public var signatureDate: CalendarDate?
    public var persons: [ReportingPerson]

    /// The form of filings.csv: 13D, 13D/A, 13G or 13G/A.
    public var form: FilingForm {
        let amended = submissionType?.hasSuffix("/A") == true || amendmentNo != nil
        return isThirteenD ? (amended ? .amendment13D : .schedule13D) : (amended ? .amendment13G : .schedule13G)
    }

    /// Reads a filed schedule; every problem with its line and column in the file.
    public static func read(path: String) -> Result<FiledSchedule, CaseError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.cannotOpen(path: path, reason: "the file cannot be read"))
        }
        let reader = Reader(file: path)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        let parsed = parser.parse()
        if let error = reader.error { return .failure(.invalid([error])) }
        if !parsed {
            let at = SourceLocation(file: path, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber))
            return .failure(.invalid([Diagnostic(at, "not well-formed XML")]))
        }
        return reader.result()
    }

    /// Builds the tree of elements, each with where it starts.
    final class Reader: NSObject, XMLParserDelegate {
        final class Node {
            let name: String
            let location: SourceLocation
            var text = ""
            var children: [Node] = []
            init(_ name: String, _ location: SourceLocation) { (self.name, self.location) = (name, location) }
            func first(_ path: String) -> Node? {
                var node: Node? = self
                for part in path.split(separator: "/") { node = node?.children.first { $0.name == part } }
                return node
            }
            func all(_ name: String) -> [Node] { children.filter { $0.name == name } }
            func value(_ path: String) -> String? {
                first(path).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            }
        }

        let file: String
        var stack: [Node]
        var namespace: String?
        weak var parser: XMLParser?

        init(file: String) {
            self.file = file
            stack = [Node("#document", SourceLocation(file: file, line: 1, column: 1))]
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if stack.count == 1 { namespace = namespaceURI }
            let node = Node(name, SourceLocation(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber)))
            stack.last!.children.append(node)
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.text += string }

        /// The first error, where the parser was when it found it.
        var error: Diagnostic?
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard error == nil else { return }
            let at = SourceLocation(file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber))
            error = Diagnostic(at, "not well-formed XML (\((parseError as NSError).code))")
        }

        func result() -> Result<FiledSchedule, CaseError> {
            var problems: [Diagnostic] = []
            guard let root = stack[0].children.first, root.name == "edgarSubmission" else {
                return .failure(.invalid([Diagnostic(SourceLocation(file: file, line: 1, column: 1),
                                                     "not an EDGAR Schedule 13D or 13G submission: its root is not edgarSubmission")]))
            }
            let isD: Bool
            switch namespace {
            case "http://www.sec.gov/edgar/schedule13d": isD = true
            case "http://www.sec.gov/edgar/schedule13g": isD = false
            default:
                return .failure(.invalid([Diagnostic(root.location, "edgarSubmission's namespace \"\(namespace ?? "")\" is neither Schedule 13D's nor 13G's")]))
            }
            func need(_ node: Node?, _ path: String, in parent: Node) -> String? {
                if let v = node?.value(path) { return v }
                problems.append(Diagnostic((node ?? parent).location, "\(path) is missing"))
                return nil
            }
            func edgarDate(_ text: String, _ at: SourceLocation) -> CalendarDate? {
                let parts = text.split(separator: "/").compactMap { Int($0) }
                if parts.count == 3, let d = CalendarDate(year: parts[2], month: parts[0], day: parts[1]) { return d }
                problems.append(Diagnostic(at, "\"\(text)\" is not a date (MM/DD/YYYY)"))
                return nil
            }
            func shares(_ node: Node, _ path: String) -> Shares {
                guard let text = need(node, path, in: node) else { return .zero }
                // `20762457.00`: the input format's decimal rule, and no fraction of a share.
                guard let value = ValueParser.plainDecimal(text.utf8, decimals: 6), value.denominator == 1,
                      value <= Fraction(ValueParser.maximumWholeNumber), let whole = Int(exactly: value.numerator) else {
                    problems.append(Diagnostic(node.first(path)!.location, "\(path) \"\(text)\" is not a whole number of shares"))
                    return .zero
                }
                return Shares(whole)
            }
            guard let form = root.first("formData"), let header = form.first("coverPageHeader") else {
                return .failure(.invalid([Diagnostic(root.location, "formData/coverPageHeader is missing")]))
            }
            let title = need(header, "securitiesClassTitle", in: header) ?? ""
            let dateText = need(header, isD ? "dateOfEvent" : "eventDateRequiresFilingThisStatement", in: header)
            let date = dateText.flatMap { edgarDate($0, header.location) }
            let issuer = header.first("issuerInfo")
            let issuerName = issuer.flatMap { need($0, "issuerName", in: $0) } ?? ""
            let cusip = issuer?.value(isD ? "issuerCUSIP" : "issuerCusip")
            let nodes = isD ? (form.first("reportingPersons")?.all("reportingPersonInfo") ?? [])
                : form.all("coverPageHeaderReportingPersonDetails")
            if nodes.isEmpty { problems.append(Diagnostic(form.location, "the submission has no reporting person")) }
            var persons: [ReportingPerson] = []
            for n in nodes {
                let powers = isD ? n : (n.first("reportingPersonBeneficiallyOwnedNumberOfShares") ?? n)
                let percentText = need(n, isD ? "percentOfClass" : "classPercent", in: n) ?? "0"
                // A percent as filed (`19.2`), read by the input format's own decimal rule.
                let percent = ValueParser.plainDecimal(percentText.utf8, decimals: 6).flatMap { $0 <= Fraction(100) ? $0 : nil }
                if percent == nil { problems.append(Diagnostic(n.location, "the percent \"\(percentText)\" is not a number")) }
                persons.append(ReportingPerson(
                    name: need(n, "reportingPersonName", in: n) ?? "",
                    cik: n.value(isD ? "reportingPersonCIK" : "reportingCik"),
                    citizenshipCode: n.value("citizenshipOrOrganization"),
                    types: n.all("typeOfReportingPerson").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) },
                    fundTypes: n.all("fundType").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) },
                    memberOfGroup: n.value(isD ? "memberOfGroup" : "memberGroup") == "a",
                    soleVoting: shares(powers, "soleVotingPower"), sharedVoting: shares(powers, "sharedVotingPower"),
                    soleDispositive: shares(powers, "soleDispositivePower"), sharedDispositive: shares(powers, "sharedDispositivePower"),
                    aggregate: shares(n, isD ? "aggregateAmountOwned" : "reportingPersonBeneficiallyOwnedAggregateNumberOfShares"),
                    percentText: percentText, percent: percent ?? .zero,
                    excludesCertainShares: n.value(isD ? "isAggregateExcludeShares" : "aggregateAmountExcludesCertainSharesFlag") == "Y",
                    location: n.location))
            }
            let signature = (isD ? form.first("signatureInfo/signaturePerson/signatureDetails/date")
                : form.first("signatureInformation/signatureDetails/date"))
            let signed = signature.flatMap { s in edgarDate(s.text.trimmingCharacters(in: .whitespacesAndNewlines), s.location) }
            guard problems.isEmpty, let date else { return .failure(.invalid(problems)) }
            return .success(FiledSchedule(isThirteenD: isD, submissionType: root.value("headerData/submissionType"),
                                          amendmentNo: header.value("amendmentNo"), classTitle: title, cusip: cusip,
                                          issuerName: issuerName, eventDate: date, signatureDate: signed, persons: persons))
        }
    }
}

extension FiledSchedule.ReportingPerson {
    /// Lots whose powers give exactly rows 7 to 11: each share of the
    /// aggregate has a voting power (sole, shared or none) and a dispositive
    /// one, the counts of each as filed, and none has neither (it would not
    /// be beneficially owned). Filled corner to corner, voting none first
    /// and dispositive none last, so that no lot has neither power; nil
    /// when the figures cannot be (a power past the aggregate, or shares
    /// with neither power).
    public var lots: [(voting: Power, dispositive: Power, shares: Shares)]? {
        let a = aggregate.count
        var voting = [a - soleVoting.count - sharedVoting.count, soleVoting.count, sharedVoting.count]
        var dispositive = [soleDispositive.count, sharedDispositive.count, a - soleDispositive.count - sharedDispositive.count]
        guard (voting + dispositive).allSatisfy({ $0 >= 0 }) else { return nil }
        let votingPowers: [Power] = [.none, .sole, .shared], dispositivePowers: [Power] = [.sole, .shared, .none]
        var out: [(voting: Power, dispositive: Power, shares: Shares)] = []
        var (i, j) = (0, 0)
        while i < 3 && j < 3 {
            let m = min(voting[i], dispositive[j])
            if m > 0 {
                if votingPowers[i] == .none && dispositivePowers[j] == .none { return nil }
                out.append((votingPowers[i], dispositivePowers[j], Shares(m)))
            }
            voting[i] -= m
            dispositive[j] -= m
            if voting[i] == 0 { i += 1 } else { j += 1 }
        }
        return out
    }
}
