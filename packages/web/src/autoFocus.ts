import { options, type Ref, type VNode } from "preact";

// React focuses an element rendered with `autoFocus` when it mounts; Preact (our runtime, see vite.config.ts)
// only writes the attribute, which browsers honour once per page. Panels, dialogs and forms that open later
// rely on it to take the keyboard, so the mount-time focus is added back here, once per element as in React.
const mounted = new WeakSet<Element>();

const previous = options.vnode;
options.vnode = (vnode: VNode) => {
  if (typeof vnode.type === "string" && "autoFocus" in (vnode.props as object)) {
    const wanted = (vnode.props as { autoFocus?: unknown }).autoFocus === true;
    const own = vnode.ref;
    vnode.ref = (element: HTMLElement | null) => {
      if (element && !mounted.has(element)) {
        mounted.add(element);
        if (wanted) element.focus();
      }
      pass(own, element);
    };
  }
  previous?.(vnode);
};

function pass(ref: Ref<HTMLElement | null> | null | undefined, element: HTMLElement | null): void {
  if (typeof ref === "function") ref(element);
  else if (ref) ref.current = element;
}
