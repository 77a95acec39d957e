"""The grading engine: a student's notebook run in an isolated process, its exercises
graded by the course's hidden checks (``python -m autograder grade``), a class in
parallel into the nbgrader gradebook (``grade-all``).

- ``notebook``: which cells are exercises, tests and explain answers, and putting the
  source's test cells into a student's notebook;
- ``limits``: the time and memory a submission may use;
- ``wire``: the messages and values the grader and the student's process exchange;
- ``student_process``: the student's side: the sandbox, and the server of the grader's requests;
- ``forkserver``: a process per grader that has imported numpy, matplotlib and IPython once
  and forks each student's process into its namespaces;
- ``budget``: the control group that caps a submission's processes together;
- ``sandbox``: the grader's side of the student's process;
- ``grading``: one notebook, scored exercise by exercise;
- ``batch``: a class, resumable and in parallel, into the gradebook.
"""
