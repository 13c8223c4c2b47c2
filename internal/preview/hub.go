package preview

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub tells every open page that a build finished, over server-sent
// events: the page's script reloads it.
type hub struct {
	mu      sync.Mutex
	clients map[chan int]bool
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan int]bool{}} }

func (h *hub) send(n int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- n:
		default: // a page that has not read the last one reloads anyway
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		close(c)
		delete(h.clients, c)
	}
}

// serve streams the builds' numbers to one page until it goes away, the
// first being the number of the last build, for the page to compare the
// next with.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, current int) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan int, 1)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.clients[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		if h.clients[c] {
			delete(h.clients, c)
		}
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 1000\nevent: build\ndata: %d\n\n", current)
	fl.Flush()
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case n, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: build\ndata: %d\n\n", n)
			fl.Flush()
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}
