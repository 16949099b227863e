import Foundation

/// Relative closeness: `|a − b| ≤ rel · max(|a|, |b|)` or `≤ abs`.
func close(_ a: Double, _ b: Double, rel: Double, abs absTol: Double = 0) -> Bool {
  Swift.abs(a - b) <= Swift.max(rel * Swift.max(Swift.abs(a), Swift.abs(b)), absTol)
}

/// A fixture file's URL.
func fixture(_ name: String) -> URL {
  Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!
}
