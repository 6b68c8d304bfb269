// TODO: replaced by the robust DelaunayTriangulation from the delaunay branch.
public struct DelaunayTriangulation: Sendable {
  public let triangles: [(Int, Int, Int)] = []
  public init(points: [Point]) {}
}
