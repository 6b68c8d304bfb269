extension Duration {
  /// The duration in seconds, for progress and summary lines.
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
