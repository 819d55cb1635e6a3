import { ReferenceDto, StatusReferenceDto } from './common.dto';
import { DateOrDateTimeField, NestedArrayField, NestedField, StringField } from './decorators';
import { UpdateOf } from './update-of';

export class CreateTaskDto {
  @StringField({ required: true })
  name!: string;

  @NestedArrayField(() => ReferenceDto)
  assignees?: ReferenceDto[] | null;

  @StringField()
  description?: string | null;

  @DateOrDateTimeField()
  due_date?: string | null;

  @NestedField(() => ReferenceDto)
  ticket?: ReferenceDto | null;

  @NestedField(() => ReferenceDto)
  task_list?: ReferenceDto | null;

  @NestedField(() => StatusReferenceDto)
  status?: StatusReferenceDto | null;
}

export class UpdateTaskDto extends UpdateOf(CreateTaskDto) {}

export class CreateTaskListDto {
  @StringField({ required: true })
  name!: string;

  @NestedField(() => ReferenceDto, { required: true })
  ticket!: ReferenceDto;

  @NestedArrayField(() => ReferenceDto)
  tasks?: ReferenceDto[] | null;
}

export class UpdateTaskListDto extends UpdateOf(CreateTaskListDto) {}
