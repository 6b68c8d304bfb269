/// Downhill's plotting core: figures, axes and marks, drawn through a `Renderer`.
/// It never trains anything.
public enum DownhillPlotVersion {
  public static let string = "0.1.0"
}
