/**
 * The lesson format. A lesson is one markdown file in lessons/: YAML frontmatter (id, title, summary, steps as
 * data) and a markdown body (the lesson's prose). Each step has a goal that is checked against the simulation's
 * state — never against the text the learner typed — so any command that reaches the goal counts.
 */

/** A condition on the simulated world. All fields of one check must hold; `all`/`any` combine checks. */
export type Check =
  | { all: Check[] }
  | { any: Check[] }
  /** A server listens: proto/port in a host ('laptop' default), optionally owned by a program name. */
  | { listening: { port: number; proto?: 'tcp' | 'udp'; host?: string; owner?: string } }
  /** Nothing listens there any more (e.g. the dev server was stopped). */
  | { notListening: { port: number; proto?: 'tcp' | 'udp'; host?: string } }
  /** At least `min` HTTP exchanges matched (served by `server`, to `port`, with `status`). */
  | { http: { port?: number; server?: string; status?: number; min?: number } }
  /** A fact a program recorded in world.facts: equal to, or (for arrays/sets) including, a value. */
  | { fact: { key: string; equals?: unknown; includes?: string } }
  /** statsd (source 'local' default, '*' any) received datagrams / bad lines. */
  | { statsd: { source?: string; packets?: number; badLines?: number; metrics?: number } }
  /** A Graphite series matching `path` (wildcards allowed) has at least `points` non-null points (default 1). */
  | { graphite: { source?: string; path: string; points?: number; min?: number } }
  /** A Kubernetes object exists (and optionally is ready / has a field value at a dotted path). */
  | {
      kube: {
        kind: 'Deployment' | 'Pod' | 'Service' | 'ReplicaSet' | 'ConfigMap' | 'Namespace';
        name?: string;
        namespace?: string;
        label?: string; // k=v
        ready?: boolean;
        count?: number; // at least this many matches
        field?: string; // dotted path in the object, e.g. spec.template.spec.containers.0.image
        equals?: unknown;
        contains?: string;
      };
    }
  /**
   * Every running pod with `label` (and at least one) has env `name` resolved as given; `{pod}` in
   * `equals`/`contains` stands for that pod's own name (downward API checks).
   */
  | { podEnv: { label: string; name: string; equals?: string; contains?: string } }
  /** A file in the laptop fs (or `host`) exists and contains a string. */
  | { file: { path: string; contains?: string; host?: string } }
  /** A process is running whose command line matches `cmd` (a regular expression). */
  | { process: { cmd: string; host?: string; count?: number } };

export interface SolutionAction {
  /** Type this into the terminal and run it. */
  run?: string;
  /** Put this content into an editor file (path under /home/learner/myproject/...). */
  edit?: { file: string; content: string };
  /** Open a workspace panel. */
  open?: 'terminal' | 'editor' | 'graphs' | 'manifests';
  /** Graph targets to show. */
  graph?: string[];
}

export interface LessonStep {
  id: string;
  title: string;
  /** Markdown for this step (what to do and why). */
  text: string;
  goal: string; // one sentence shown next to the status light
  check: Check;
  hint: string;
  solution: SolutionAction[];
}

export interface Lesson {
  id: string;
  order: number;
  title: string;
  summary: string;
  /** Panels to show when the lesson opens. */
  panels?: ('terminal' | 'editor' | 'graphs' | 'manifests')[];
  /** Simulated clock speed for this lesson (statsd flushes every 10 s of simulated time). */
  speed?: number;
  /** Graph targets to preload. */
  graphs?: string[];
  body: string; // markdown
  steps: LessonStep[];
}

/** A lesson as the page gets it: parsed at build time, with its markdown already rendered to HTML. */
export interface CompiledLesson extends Lesson {
  html: string;
  steps: (LessonStep & { html: string; hintHtml: string })[];
}

export interface CompiledLessons {
  lessons: CompiledLesson[];
  /** Problems in lesson files (each names the file and line): shown on the page, never thrown. */
  errors: string[];
}
