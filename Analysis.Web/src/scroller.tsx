// A table wider than the page scrolls sideways in a box of its own, and shows that it does: a shadow on the side
// where more is hidden (style.css) and, while it is wider, a hint above it that is also the box's description. The
// box is a named region in the tab order, so the keyboard scrolls it too.
import type { ComponentChildren } from "preact";
import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";

export function Scroller({ label, children }: { label: string; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const hint = useId();
  const [wide, setWide] = useState(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    // Measured in the next frame: the hint it shows changes the layout, which must not happen inside the
    // observer's own callback (the browser reports that as an error).
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setWide(element.scrollWidth > element.clientWidth));
    };
    measure();
    // The box narrows with the window, the table widens with its rows (the sessions list is read again).
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(measure);
    observer?.observe(element);
    if (element.firstElementChild) observer?.observe(element.firstElementChild);
    return () => {
      observer?.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);
  return (
    <>
      {wide && (
        <p id={hint} class="scroll-hint">
          Scroll sideways for the whole table<span aria-hidden="true"> →</span>
        </p>
      )}
      <div ref={box} class="scroll" role="region" aria-label={label} aria-describedby={wide ? hint : undefined} tabIndex={0}>
        {children}
      </div>
    </>
  );
}
