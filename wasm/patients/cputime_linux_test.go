package patients

import (
	"runtime"
	"syscall"
	"time"
)

// threadCPU returns the CPU time this thread has used. Benchmarks report it
// next to wall time because the machines they run on are often busy, and
// time spent waiting for a CPU says nothing about the code.
func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

func lockThread()   { runtime.LockOSThread() }
func unlockThread() { runtime.UnlockOSThread() }
