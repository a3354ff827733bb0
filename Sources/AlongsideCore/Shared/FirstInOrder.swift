extension Array {
    /// The first `k` elements in the order `precedes` gives, without sorting all of them when `k` is small: a
    /// bounded max-heap of the best seen so far, then a sort of those.
    public func first(_ k: Int, by precedes: (Element, Element) -> Bool) -> [Element] {
        if k * 4 >= count { return sorted(by: precedes) }
        var heap: [Element] = []
        heap.reserveCapacity(k)
        // The heap's root is the last (worst) of the best k seen so far.
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < heap.count && precedes(heap[worst], heap[l]) { worst = l }
                if r < heap.count && precedes(heap[worst], heap[r]) { worst = r }
                if worst == i { return }
                heap.swapAt(i, worst)
                i = worst
            }
        }
        for element in self {
            if heap.count < k {
                heap.append(element)
                var i = heap.count - 1
                while i > 0 {
                    let parent = (i - 1) / 2
                    guard precedes(heap[parent], heap[i]) else { break }
                    heap.swapAt(parent, i)
                    i = parent
                }
            } else if k > 0 && precedes(element, heap[0]) {
                heap[0] = element
                siftDown(0)
            }
        }
        return heap.sorted(by: precedes)
    }
}
