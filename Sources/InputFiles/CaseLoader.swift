import CSVReading
import CapTableCore
import Foundation
import RawMemory

/// Reads a case directory in the input format of INPUTS.md, version 1.
///
/// Every file is checked completely; problems are collected, up to
/// `maximumDiagnostics`, rather than stopping at the first.
public enum CaseLoader {
    public static let maximumDiagnostics = 100

    /// The files of the format, in the order they are read.
    public static let knownFiles = [
        "classes.csv", "persons.csv", "holidays.csv", "holdings.csv",
        "options.csv", "convertibles.csv", "relations.csv", "groups.csv", "transactions.csv",
        "filing_closures.csv", "filings.csv", "filer.csv",
    ]

    /// Reads a case directory; `progress` is told of each file as it is read.
    public static func load(directory: String, progress: ((String) -> Void)? = nil) -> Result<Case, CaseError> {
        inputs(directory).flatMap { load(inputs: $0.files, unknownFiles: $0.unknown, progress: progress) }
    }

    /// The input files of a case directory, and the CSV files it has that are not of the format.
    static func inputs(_ directory: String) -> Result<(files: [String: CSVInput], unknown: [String]), CaseError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(.cannotOpen(path: directory, reason: "no such directory"))
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return .failure(.cannotOpen(path: directory, reason: "the directory cannot be read"))
        }
        var files: [String: CSVInput] = [:]
        var unknown: [String] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") {
            guard knownFiles.contains(name) else { unknown.append(name); continue }
            let path = (directory as NSString).appendingPathComponent(name)
            guard isReadableFile(path) else {
                return .failure(.cannotOpen(path: path, reason: "the file cannot be read"))
            }
            // Read a piece at a time as it is parsed, never held whole.
            files[name] = .path(path)
        }
        for required in ["classes.csv", "persons.csv", "holdings.csv"] where files[required] == nil {
            let path = (directory as NSString).appendingPathComponent(required)
            return .failure(.cannotOpen(path: path, reason: "required file is missing"))
        }
        return .success((files, unknown))
    }

    /// The case of `directory` with the events of `events` (a file in the
    /// columns of transactions.csv) added after its own, each replayed in
    /// date order; an event that cannot apply is an error at its row of `events`.
    public static func load(directory: String, hypothetical events: String, progress: ((String) -> Void)? = nil) -> Result<Case, CaseError> {
        guard isReadableFile(events) else { return .failure(.cannotOpen(path: events, reason: "the file cannot be read")) }
        return inputs(directory).flatMap { found in
            var files = found.files
            files[events] = .path(events)
            return load(inputs: files, unknownFiles: found.unknown, progress: progress, hypothetical: events)
        }
    }

    /// A regular file that can be opened for reading.
    static func isReadableFile(_ path: String) -> Bool {
        // A FIFO or device is no file of the format: told by its status, not by
        // opening it, which for a FIFO would wait for a writer.
        var before = stat()
        guard stat(path, &before) == 0, before.st_mode & S_IFMT == S_IFREG else { return false }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var status = stat()
        return fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Reads a case from file contents keyed by file name.
    public static func load(files: [String: [UInt8]], unknownFiles: [String] = [],
                            progress: ((String) -> Void)? = nil) -> Result<Case, CaseError> {
        load(inputs: files.mapValues { .bytes($0) }, unknownFiles: unknownFiles, progress: progress)
    }

    static func load(inputs files: [String: CSVInput], unknownFiles: [String],
                     progress: ((String) -> Void)?, hypothetical: String? = nil) -> Result<Case, CaseError> {
        let loaded = read(inputs: files, unknownFiles: unknownFiles, progress: progress, hypothetical: hypothetical)
        // The reading's own tables are gone by now: what they held goes back too.
        Heap.releaseFreed()
        return loaded
    }

    private static func read(inputs files: [String: CSVInput], unknownFiles: [String],
                             progress: ((String) -> Void)?, hypothetical: String?) -> Result<Case, CaseError> {
        var reading = CaseReading()
        reading.progress = progress
        reading.hypothetical = hypothetical
        for name in unknownFiles {
            var message = "\(name) is not a file of the input format"
            if let near = Suggestion.nearest(to: name, in: knownFiles) { message += "; did you mean \"\(near)\"?" }
            reading.report(SourceLocation(file: name, line: 1, column: 1), message)
        }
        reading.read(files)
        if reading.diagnostics.isEmpty { return .success(reading.result) }
        let all = reading.diagnostics
        guard all.count > maximumDiagnostics else { return .failure(.invalid(all)) }
        return .failure(.tooMany(Array(all.prefix(maximumDiagnostics)), total: all.count))
    }
}

extension CaseReading {
    /// Every file, in the order of `CaseLoader.knownFiles`, its problems in
    /// that order too; options.csv on the other core while this one reads
    /// persons.csv, and holdings.csv on the other core while this one reads
    /// the files after it.
    mutating func read(_ files: [String: CSVInput]) {
        readClasses(files)
        // While persons.csv is read, which every file after it needs, the
        // other core finds where holdings.csv is cut into parts and counts
        // the lines of the files read after (to size their tables once)...
        let partBytes = partBytes
        let ahead = Later { () -> (cut: CSVInput.Parts?, lines: [String: Int]) in
            var cut: CSVInput.Parts?
            if case .path(let path)? = files["holdings.csv"] { cut = CSVInput.parts(of: path, about: partBytes) }
            var lines: [String: Int] = [:]
            for name in ["options.csv", "convertibles.csv", "relations.csv"] { lines[name] = files[name]?.lineCount() }
            return (cut, lines)
        }
        // ... then reads options.csv, its holders kept to be looked up once
        // persons are (`PendingHolders`): otherwise that core would wait
        // for persons.csv with nothing to do.
        var early = self
        early.diagnostics = []
        early.result.files = []
        early.progress = nil
        early.pendingHolders = PendingHolders()
        let options = Handoff(early)
        let grants = Later { () -> Handoff<CaseReading> in
            let lines = ahead.value.lines
            options.value.readGrants(files, convertibleLines: lines["convertibles.csv"] ?? 0, lines: lines["options.csv"])
            return options
        }
        readPersons(files)
        // A person is defined only in persons.csv: its places served only to
        // report an id defined twice there.
        personMarks = []
        readHolidays(files)
        // holdings.csv, the largest file, is read on a second thread while
        // this one reads the files that follow it; the problems found are
        // then put back in file order.
        let holdings = Handoff(self)
        holdings.value.diagnostics = []
        holdings.value.result.files = []
        let before = diagnostics.count, filesBefore = result.files.count
        let done = DispatchSemaphore(value: 0)
        let parts = HoldingParts(cut: ahead.value.cut)
        Thread.detachNewThread {
            holdings.value.readHoldings(files, parts: parts)
            done.signal()
        }
        if files["options.csv"] != nil { progress?("reading options.csv") }
        takeGrants(from: &grants.value.value)
        let lines = ahead.value.lines
        readConvertibles(files, lines: lines["convertibles.csv"] ?? 0)
        // Only transactions.csv can define an instrument after these two
        // files; without it, the ids and their places are not needed again.
        if files["transactions.csv"] == nil && hypothetical == nil { instrumentIDs = InstrumentIDs() }
        readRelations(files, lines: lines["relations.csv"])
        readGroups(files)
        // What is left of holdings.csv, read here too.
        parts.work()
        done.wait()
        holdingParts = parts.joinedParts
        result.holdings = holdings.value.result.holdings
        diagnostics.insert(contentsOf: holdings.value.diagnostics, at: before)
        result.files.insert(contentsOf: holdings.value.result.files, at: filesBefore)
        checkOutstanding()
        readTransactions(files)
        if let hypothetical { readTransactions(files, name: hypothetical) }
        readFilingClosures(files)
        readFilings(files)
        readFiler(files)
    }

    /// Holdings within the outstanding figure; holdings and grants of a class
    /// within 10^15 shares, so that no sum the calculator forms can overflow.
    mutating func checkOutstanding() {
        let limit = Int128(ValueParser.maximumWholeNumber)
        let held = result.holdings.sharesByClass(classes: result.classes.count)
        var granted = [Int128](repeating: 0, count: result.classes.count)
        for i in result.grants.indices {
            let k = result.grants.classIndex(i), n = Int128(result.grants.shareCount(i))
            granted[k] += n
            if granted[k] > limit, granted[k] - n <= limit {
                report(result.grants[i].location, "the grants of class \"\(result.classes[k].id)\" add up to more than 10^15 shares")
            }
        }
        for (c, shareClass) in result.classes.enumerated() {
            let location = SourceLocation(file: shareClass.location.file, line: shareClass.location.line, column: 1)
            if let reported = shareClass.reportedOutstanding {
                if held[c] > Int128(reported.count) {
                    report(location, "holdings of class \"\(shareClass.id)\" add up to \(held[c]) shares, more than the \(reported) outstanding")
                }
            } else if held[c] > limit {
                report(location, "holdings of class \"\(shareClass.id)\" add up to more than 10^15 shares")
            }
        }
    }
}
