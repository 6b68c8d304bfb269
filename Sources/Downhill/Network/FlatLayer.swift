/// Where one layer's weights sit in a network's flat parameter vector, and the shapes the
/// allocation-free passes (`TrainingWorkspace`, `NetworkLoss`) need to read them in place.
struct FlatLayer: Sendable {
  var inputs: Int  // without the bias column
  var width: Int  // inputs, plus one when the bias is folded
  var outputs: Int
  var folded: Bool
  var activation: Activation
  var offset: Int  // of the weights in the flat parameter vector

  /// The network's layers in order, offsets counted through the flat parameter vector.
  static func layout(of network: Network) -> [FlatLayer] {
    var offset = 0
    return network.layers.map { layer in
      defer { offset += layer.weights.values.count }
      return FlatLayer(
        inputs: layer.inputCount, width: layer.weights.rows, outputs: layer.outputCount,
        folded: layer.foldedBias, activation: layer.activation, offset: offset)
    }
  }
}
