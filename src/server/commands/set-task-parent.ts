import { getTask, updateTask } from "../../store/repos/plans.js";
import type { Task } from "../../store/schema.js";
import { recordAudit } from "../audit.js";
import type { CommandContext } from "../context.js";
import { AppError } from "../errors.js";

export interface SetTaskParentInput {
  taskId: string;
  /** The superior plan's task this task implements; null removes the link. */
  parentTaskId: string | null;
  /** Weight in the parent's roll-up (default 1; 0 leaves the task out). */
  weight?: number;
}

/** Links a task to the task it implements in a superior plan, with its roll-up weight; refuses cycles. */
export async function setTaskParent(ctx: CommandContext, input: SetTaskParentInput): Promise<Task> {
  const task = await getTask(ctx.tx, input.taskId);
  if (!task) throw new AppError("NOT_FOUND", "Không tìm thấy nhiệm vụ.");
  if (input.parentTaskId !== null) {
    if (input.parentTaskId === task.id) {
      throw new AppError("VALIDATION", "Nhiệm vụ không thể thực hiện chính nó.", {
        fields: { parentTaskId: "Chọn một nhiệm vụ cấp trên khác." },
      });
    }
    // Walk up from the new parent: meeting this task again would close a loop.
    let cur = await getTask(ctx.tx, input.parentTaskId);
    if (!cur) {
      throw new AppError("VALIDATION", "Không tìm thấy nhiệm vụ cấp trên.", {
        fields: { parentTaskId: "Không tìm thấy nhiệm vụ." },
      });
    }
    for (let depth = 0; cur?.parent_task_id && depth < 64; depth++) {
      if (cur.parent_task_id === task.id) {
        throw new AppError("VALIDATION", "Liên kết này tạo vòng lặp giữa các nhiệm vụ.", {
          fields: { parentTaskId: "Liên kết tạo vòng lặp." },
        });
      }
      cur = await getTask(ctx.tx, cur.parent_task_id);
    }
  }
  const weight = input.weight ?? (input.parentTaskId === task.parent_task_id ? task.parent_weight : 1);
  const updated = await updateTask(
    ctx.tx,
    task.id,
    { parent_task_id: input.parentTaskId, parent_weight: weight },
    ctx.now.toISOString(),
  );
  await recordAudit(ctx, {
    action: "task.parent_set",
    entityId: task.id,
    before: { parentTaskId: task.parent_task_id, weight: task.parent_weight },
    after: { parentTaskId: input.parentTaskId, weight },
  });
  return updated!;
}
