import Dispatch
import Foundation

/// The control chart's layout, by Graphviz's `dot` program.
///
/// The program rather than the library (libgvc): Graphviz's library keeps
/// global state and is not safe across threads, and a layout that fails or
/// runs away on some input would take the whole run with it; a child
/// process is isolated, can be stopped after a time limit, and gives the
/// same SVG. A class's chart is at most `ControlChart.maximumBoxes` boxes,
/// so a run costs milliseconds.
enum Graphviz {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Seconds a layout may take before it is stopped and reported.
    static let timeLimit = 60

    /// `dot` on the search path.
    static let program: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The SVG of a DOT graph.
    static func svg(_ dot: String) throws -> String {
        guard let program else {
            throw Failure(description: "the report's control chart is laid out by Graphviz's dot program, which is not on the PATH (Debian: apt-get install graphviz)")
        }
        // The graph goes to dot in a file, not a pipe: dot may stop reading
        // early, and a write to a closed pipe would end this process.
        // Its complaints go to a file too, so that no pipe but one can fill and stop it.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("captable-chart-\(getpid())-\(UUID().uuidString)")
        let input = base.appendingPathExtension("dot"), complaints = base.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: input.path, contents: Data(dot.utf8)),
              FileManager.default.createFile(atPath: complaints.path, contents: nil),
              let errors = FileHandle(forWritingAtPath: complaints.path) else {
            throw Failure(description: "cannot write the chart's graph to \(input.path)")
        }
        defer {
            try? errors.close()
            try? FileManager.default.removeItem(at: input)
            try? FileManager.default.removeItem(at: complaints)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-Tsvg", input.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure(description: "cannot run \(program): \(error.localizedDescription)") }
        let stopper = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeLimit), execute: stopper)
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stopper.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let why = process.terminationReason == .uncaughtSignal ? "stopped after \(timeLimit) s or by a signal"
                : "exit status \(process.terminationStatus)"
            let said = String(decoding: (FileManager.default.contents(atPath: complaints.path) ?? Data()).prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "Graphviz's dot could not lay out a control chart (\(why))\(said.isEmpty ? "" : ": \(said)")")
        }
        return String(decoding: svg, as: UTF8.self)
    }
}
