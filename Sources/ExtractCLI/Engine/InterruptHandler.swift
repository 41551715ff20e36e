import Dispatch
import Foundation

/// Turns SIGINT (Ctrl-C) into a call of `action` (cancelling the run, so extracts stop, clean
/// up and log FAILED) instead of killing the process; a second Ctrl-C kills it.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(_ action: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            FileHandle.standardError.write(Data("\ninterrupted: cancelling the run (Ctrl-C again to kill)\n".utf8))
            signal(SIGINT, SIG_DFL)
            action()
        }
        source.resume()
        self.source = source
    }

    /// Restores the default Ctrl-C behaviour.
    func restore() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
